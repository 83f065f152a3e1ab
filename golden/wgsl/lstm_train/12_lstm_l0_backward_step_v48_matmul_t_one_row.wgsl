// lstm_l0_backward_step_v48_matmul_t_one_row: one time step of lstm_l0_backward: %47 times weight_hh (lstm.cell:17)
// a [rows, depth] x [depth, 20] product; each thread computes 1x8 outputs in registers, reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let rows = sizes.B;
  let depth = 80u;
  let row0 = gid.y * 1u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 20u) { return; }
  let a_base = 640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B;
  let b_base = 200u;
  let y_base = 13440u + 41u * sizes.B * sizes.T + 85u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 20u;
  let b_cols0 = b_base + min(col0 + 0u, 16u) / 4u;
  let b_cols1 = b_base + min(col0 + 4u, 16u) / 4u;
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  for (var k = 0u; k < depth / 4u; k += 1u) {
    let w0_0 = params_buf[b_cols0 + (4u * k + 0u) * 5u];
    let w0_1 = params_buf[b_cols1 + (4u * k + 0u) * 5u];
    let w1_0 = params_buf[b_cols0 + (4u * k + 1u) * 5u];
    let w1_1 = params_buf[b_cols1 + (4u * k + 1u) * 5u];
    let w2_0 = params_buf[b_cols0 + (4u * k + 2u) * 5u];
    let w2_1 = params_buf[b_cols1 + (4u * k + 2u) * 5u];
    let w3_0 = params_buf[b_cols0 + (4u * k + 3u) * 5u];
    let w3_1 = params_buf[b_cols1 + (4u * k + 3u) * 5u];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += a0.x * w0_0 + a0.y * w1_0 + a0.z * w2_0 + a0.w * w3_0;
    acc0_1 += a0.x * w0_1 + a0.y * w1_1 + a0.z * w2_1 + a0.w * w3_1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 0u] = acc0_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 1u] = acc0_1; } }
}

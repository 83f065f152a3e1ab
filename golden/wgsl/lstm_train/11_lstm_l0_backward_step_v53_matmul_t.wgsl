// lstm_l0_backward_step_v53_matmul_t: one time step of lstm_l0_backward: %52 times weight_hh (lstm.cell:17)
// a [rows, depth] x [depth, 20] product; each thread computes 8x8 outputs in registers, reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let rows = sizes.B;
  let depth = 80u;
  let row0 = gid.y * 8u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 20u) { return; }
  let a_base = 640u + 76u * sizes.B * sizes.T + 60u * sizes.B + tau * 20u * sizes.B;
  let b_base = 200u;
  let y_base = 640u + 66u * sizes.B * sizes.T + 50u * sizes.B + write_slot * 5u * sizes.B;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 20u;
  let a_row1 = a_base + min(row0 + 1u, rows - 1u) * 20u;
  let a_row2 = a_base + min(row0 + 2u, rows - 1u) * 20u;
  let a_row3 = a_base + min(row0 + 3u, rows - 1u) * 20u;
  let a_row4 = a_base + min(row0 + 4u, rows - 1u) * 20u;
  let a_row5 = a_base + min(row0 + 5u, rows - 1u) * 20u;
  let a_row6 = a_base + min(row0 + 6u, rows - 1u) * 20u;
  let a_row7 = a_base + min(row0 + 7u, rows - 1u) * 20u;
  let b_cols0 = b_base + min(col0 + 0u, 16u) / 4u;
  let b_cols1 = b_base + min(col0 + 4u, 16u) / 4u;
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc1_1 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc2_1 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc3_1 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc4_1 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc5_1 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc6_1 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc7_1 = vec4f(0.0);
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
    let a1 = work_buf[a_row1 + k];
    acc1_0 += a1.x * w0_0 + a1.y * w1_0 + a1.z * w2_0 + a1.w * w3_0;
    acc1_1 += a1.x * w0_1 + a1.y * w1_1 + a1.z * w2_1 + a1.w * w3_1;
    let a2 = work_buf[a_row2 + k];
    acc2_0 += a2.x * w0_0 + a2.y * w1_0 + a2.z * w2_0 + a2.w * w3_0;
    acc2_1 += a2.x * w0_1 + a2.y * w1_1 + a2.z * w2_1 + a2.w * w3_1;
    let a3 = work_buf[a_row3 + k];
    acc3_0 += a3.x * w0_0 + a3.y * w1_0 + a3.z * w2_0 + a3.w * w3_0;
    acc3_1 += a3.x * w0_1 + a3.y * w1_1 + a3.z * w2_1 + a3.w * w3_1;
    let a4 = work_buf[a_row4 + k];
    acc4_0 += a4.x * w0_0 + a4.y * w1_0 + a4.z * w2_0 + a4.w * w3_0;
    acc4_1 += a4.x * w0_1 + a4.y * w1_1 + a4.z * w2_1 + a4.w * w3_1;
    let a5 = work_buf[a_row5 + k];
    acc5_0 += a5.x * w0_0 + a5.y * w1_0 + a5.z * w2_0 + a5.w * w3_0;
    acc5_1 += a5.x * w0_1 + a5.y * w1_1 + a5.z * w2_1 + a5.w * w3_1;
    let a6 = work_buf[a_row6 + k];
    acc6_0 += a6.x * w0_0 + a6.y * w1_0 + a6.z * w2_0 + a6.w * w3_0;
    acc6_1 += a6.x * w0_1 + a6.y * w1_1 + a6.z * w2_1 + a6.w * w3_1;
    let a7 = work_buf[a_row7 + k];
    acc7_0 += a7.x * w0_0 + a7.y * w1_0 + a7.z * w2_0 + a7.w * w3_0;
    acc7_1 += a7.x * w0_1 + a7.y * w1_1 + a7.z * w2_1 + a7.w * w3_1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 0u] = acc0_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 1u] = acc0_1; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 1u) * 5u + col0 / 4u + 0u] = acc1_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 1u) * 5u + col0 / 4u + 1u] = acc1_1; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 2u) * 5u + col0 / 4u + 0u] = acc2_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 2u) * 5u + col0 / 4u + 1u] = acc2_1; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 3u) * 5u + col0 / 4u + 0u] = acc3_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 3u) * 5u + col0 / 4u + 1u] = acc3_1; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 4u) * 5u + col0 / 4u + 0u] = acc4_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 4u) * 5u + col0 / 4u + 1u] = acc4_1; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 5u) * 5u + col0 / 4u + 0u] = acc5_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 5u) * 5u + col0 / 4u + 1u] = acc5_1; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 6u) * 5u + col0 / 4u + 0u] = acc6_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 6u) * 5u + col0 / 4u + 1u] = acc6_1; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 7u) * 5u + col0 / 4u + 0u] = acc7_0; } if (col0 + 4u < 20u) { work_buf[y_base + (row0 + 7u) * 5u + col0 / 4u + 1u] = acc7_1; } }
}

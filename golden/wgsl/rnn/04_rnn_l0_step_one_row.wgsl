// rnn_l0_step_one_row: one time step of rnn_l0: h': weight_hh @ h for every gate, then h' from it (rnn.cell:15)
// each thread: 1 row of the product for four hidden units of each of 1 gates, in registers, then the step's outputs for them

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let row0 = gid.y * 1u;
  let unit0 = gid.x * 4u; // four hidden units, of every gate
  if (row0 >= rows || unit0 >= 20u) { return; }
  let quad = unit0 / 4u;
  let a_row0 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 0u, rows - 1u) * 5u;
  let b_col0 = 50u + (0u + unit0 + 0u) * 5u;
  let b_col1 = 50u + (0u + unit0 + 1u) * 5u;
  let b_col2 = 50u + (0u + unit0 + 2u) * 5u;
  let b_col3 = 50u + (0u + unit0 + 3u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  for (var k = 0u; k < 5u; k++) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
  }
  if (row0 + 0u < rows) {
    let i0 = row0 + 0u;
    let product_gate0 = vec4f(acc0_0, acc0_1, acc0_2, acc0_3);
    let hoisted7 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0 * 5u + quad];
    let add8 = (hoisted7 + product_gate0);
    let bias_hh = params_buf[155u + quad];
    let add9 = (add8 + bias_hh);
    let h_next = tanh_safe4(add9);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + quad] = h_next;
  }
}

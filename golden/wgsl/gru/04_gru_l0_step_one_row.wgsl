// gru_l0_step_one_row: one time step of gru_l0: h': weight_hh @ h for every gate, then h' from it (gru.cell:17-21)
// each thread: 1 row of the product for four hidden units of each of 3 gates, in registers, then the step's outputs for them

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
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
  let b_col0 = 150u + (0u + unit0 + 0u) * 5u;
  let b_col1 = 150u + (0u + unit0 + 1u) * 5u;
  let b_col2 = 150u + (0u + unit0 + 2u) * 5u;
  let b_col3 = 150u + (0u + unit0 + 3u) * 5u;
  let b_col4 = 150u + (20u + unit0 + 0u) * 5u;
  let b_col5 = 150u + (20u + unit0 + 1u) * 5u;
  let b_col6 = 150u + (20u + unit0 + 2u) * 5u;
  let b_col7 = 150u + (20u + unit0 + 3u) * 5u;
  let b_col8 = 150u + (40u + unit0 + 0u) * 5u;
  let b_col9 = 150u + (40u + unit0 + 1u) * 5u;
  let b_col10 = 150u + (40u + unit0 + 2u) * 5u;
  let b_col11 = 150u + (40u + unit0 + 3u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  var acc0_8 = 0.0;
  var acc0_9 = 0.0;
  var acc0_10 = 0.0;
  var acc0_11 = 0.0;
  for (var k = 0u; k < 5u; k++) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let w8 = params_buf[b_col8 + k];
    let w9 = params_buf[b_col9 + k];
    let w10 = params_buf[b_col10 + k];
    let w11 = params_buf[b_col11 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
    acc0_8 += dot(a0, w8);
    acc0_9 += dot(a0, w9);
    acc0_10 += dot(a0, w10);
    acc0_11 += dot(a0, w11);
  }
  if (row0 + 0u < rows) {
    let i0 = row0 + 0u;
    let product_gate0 = vec4f(acc0_0, acc0_1, acc0_2, acc0_3);
    let product_gate1 = vec4f(acc0_4, acc0_5, acc0_6, acc0_7);
    let product_gate2 = vec4f(acc0_8, acc0_9, acc0_10, acc0_11);
    let gi = work_buf[8u * sizes.B * sizes.T + 30u * sizes.B + tau * 15u * sizes.B + i0 * 15u + quad + 5u];
    let bias_hh = params_buf[465u + quad + 5u];
    let gh = (product_gate1 + bias_hh);
    let add15 = (gi + gh);
    let z = sigmoid4(add15);
    let sub23 = (vec4f(1.0) - z);
    let gi_2 = work_buf[8u * sizes.B * sizes.T + 30u * sizes.B + tau * 15u * sizes.B + i0 * 15u + quad + 10u];
    let gi_3 = work_buf[8u * sizes.B * sizes.T + 30u * sizes.B + tau * 15u * sizes.B + i0 * 15u + quad + 0u];
    let bias_hh_2 = params_buf[465u + quad + 0u];
    let gh_2 = (product_gate0 + bias_hh_2);
    let add11 = (gi_3 + gh_2);
    let r = sigmoid4(add11);
    let bias_hh_3 = params_buf[465u + quad + 10u];
    let gh_3 = (product_gate2 + bias_hh_3);
    let mul19 = (r * gh_3);
    let add20 = (gi_2 + mul19);
    let n = tanh_safe4(add20);
    let mul24 = (sub23 * n);
    let h = work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + i0 * 5u + quad];
    let mul25 = (z * h);
    let h_next = (mul24 + mul25);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + quad] = h_next;
  }
}
